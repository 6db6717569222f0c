"""Health Box: self-trackers (weight, feeling, sleep, tobacco, food, activity) with charts and exports."""
