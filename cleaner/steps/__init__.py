"""One module per step; the order they run in is :data:`cleaner.pipeline.STEPS`."""
