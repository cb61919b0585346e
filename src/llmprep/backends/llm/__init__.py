"""Chat LLM backends: an OpenAI-compatible HTTP client (Ollama, vLLM, llama.cpp server, hosted APIs)."""
