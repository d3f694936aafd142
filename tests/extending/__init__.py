"""An agency's app, as an agency writes one: a page on the package's abstract base whose body
adds the agency's own ``faq`` block. The tests here prove it flows through every feed."""
