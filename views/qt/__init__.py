"""Qt models, widgets and the graph scene over the domain."""
