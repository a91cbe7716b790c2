"""The .tutti project file and the JSON interchange: schema, migrations, open, save, import, export."""
