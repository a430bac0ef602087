"""Demo content for `make run` and large data sets for benchmarks (the `seed_demo` command).

Demo posts go through workflow.py as real ones do (submitted by their author, published or
returned by the coordinator), with the e-mails about these invented steps sent nowhere;
then their dates are moved back to the invented ones. Benchmark posts (`bulk_posts`) are
inserted in bulk as published posts without a history.
"""

from .accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, ensure_accounts
from .bulk import bulk_posts
from .posts import seed_demo_posts

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "bulk_posts", "ensure_accounts", "seed_demo_posts"]
