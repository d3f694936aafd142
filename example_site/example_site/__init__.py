"""A runnable Wagtail project that uses wagtail_neuro the way an agency would."""
