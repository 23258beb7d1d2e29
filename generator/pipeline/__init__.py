"""The build's phases: parse, render, lists, index, each over workers into a sink."""
