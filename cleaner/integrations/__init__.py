"""Adapters that put cleaner inside other tools' pipelines; each needs its tool, an optional
extra (``pip install 'cleaner[datatrove]'``), and nothing here imports it until used."""
