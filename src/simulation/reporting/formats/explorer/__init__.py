"""The offline what-if page and the JupyterLab explorer widgets."""
