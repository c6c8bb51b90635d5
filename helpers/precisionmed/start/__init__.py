"""Lesson 00, start here: why one size does not fit all.

The modules:

- :mod:`~precisionmed.start.benefit` — expected responders when a drug works mostly in
  marker-positive patients, and the lesson's counting helpers;
- :mod:`~precisionmed.start.simulate` — the seeded trial of a made-up drug at three sites;
- :mod:`~precisionmed.start.panels` — the response explorer;
- :mod:`~precisionmed.start.exercises` — the lesson's answers and feedback.

Simplified for teaching; simulated data, not medical advice.
"""
