"""Benchmarks of cdm_newsletter: ``python -m benchmarks`` prints the figures."""
