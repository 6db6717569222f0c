"""Root conftest: make core's fixtures available to every test folder."""

pytest_plugins = ["core.testing"]
