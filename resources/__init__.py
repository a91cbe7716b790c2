"""Icons, stylesheets, fonts and the demo project, loaded with importlib.resources."""
