"""ecomteam: advice on the e-commerce team a business needs.

The package keeps import cheap: nothing here pulls in typer, rich, pydantic or yaml.
"""

__version__ = "0.1.0"
