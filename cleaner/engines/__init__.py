"""How a batch runs: which inputs a run takes (shards), who may write into an output folder
(locks), and what an interrupted run left behind (stale temporary files).

An engine moves documents; it never knows what cleaning means (it imports no step).
"""
