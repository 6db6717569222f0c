"""Root conftest. Core's fixtures come from the ``entraide`` pytest plugin (entry point
``pytest11``, module ``core.testing``), registered when the project is installed (``uv sync``)."""
