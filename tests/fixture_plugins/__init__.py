"""Small plugins used by the test-suite (registered with ``extra_plugins``)."""
