"""Use cases of llmprep. They take their ports (store, embedder, grader...) as arguments."""
