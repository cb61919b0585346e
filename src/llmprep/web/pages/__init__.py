"""One router per area of the web app."""
