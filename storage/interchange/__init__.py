"""Plans in and out of the formats other tools use: workbooks, CSV files and MS Project XML."""
