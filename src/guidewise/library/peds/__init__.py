"""Paediatric dosing data: weight-based ranges, liquid concentrations, age limits and growth-chart weights.

Knowledge lives in the YAML files beside this module; `schema` validates them and `loader` reads them.
"""
