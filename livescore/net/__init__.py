"""Network helpers the sources share: backoff, reconnecting links, fan-in, error wording,
followers' cursor files."""
