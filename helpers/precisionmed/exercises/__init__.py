"""Answers and feedback for every lesson's exercises, one module per lesson.

Each module defines ``EXERCISES`` (key → :class:`precisionmed.check.Exercise`) and
``QUESTIONS`` (key → :class:`precisionmed.check.Question`). Keys start with the lesson's short
name (``start-``, ``pgx-``, ...) and must be unique across the course.
"""
