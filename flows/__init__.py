"""The network and Prefect: HTTP retrieval with its limits, tasks, flows, schedules, the CLI."""
