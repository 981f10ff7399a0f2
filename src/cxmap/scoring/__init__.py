"""Scoring engine: experience scores 1-100, sensitivity, prioritised pain points, suggested
actions and key-metric values, computed from model types (no I/O)."""
