"""Pure renderers: events and boards in, text or Rich renderables out."""
