"""Benchmarks of Rolewise: turn latency against a bare Rasa bot, throughput, KB query time,
training, start-up and memory. Run with ``python -m bench.run`` (``--quick`` for a smoke run)."""
