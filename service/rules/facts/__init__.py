"""One module per fact type, each declaring its FACT_TYPE (see service.rules.registry)."""
