"""Words: tokenising, stemming, dates and times in text, figures and what they count, the trained language pipeline."""
