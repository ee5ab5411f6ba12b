"""Score the off-topic filter (index/topic.py) on the labelled news items in index/data/topic_labels.yaml.

Run: python bench/topic_filter.py [--fit] [--verbose]

Loads all-MiniLM-L6-v2 and the shipped parameters (index/data/topic_filter.json) and prints precision and
recall of the on-topic label on the dev split (which the weights and threshold were fitted on; the
out-of-fold figures are the honest ones for dev) and on the held-out test split. --fit first refits the
parameters on the dev split and writes them; do that after editing the labelled set, never to chase a test
figure. --verbose lists the misjudged items of each split.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.embedder import SentenceTransformerEmbedder  # noqa: E402
from index.topic import PARAMS_PATH, load_topic_filter  # noqa: E402
from index.topic_fit import evaluate, fit_params, labels_sha256, load_labels  # noqa: E402
from index.topic_model import write_params  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fit", action="store_true", help="refit on the dev split and write the parameters")
    parser.add_argument("--verbose", action="store_true", help="list the misjudged items")
    args = parser.parse_args()
    embedder = SentenceTransformerEmbedder()
    if args.fit:
        params = fit_params(embedder, load_labels(split="dev"), labels_sha256())
        write_params(params, PARAMS_PATH)
        print(f"fitted on dev, written to {PARAMS_PATH.relative_to(ROOT)}")
    topic_filter = load_topic_filter(embedder)
    params = topic_filter.params
    print(f"threshold {params.threshold:.3f} (probability of being on topic)")
    print(f"dev out-of-fold: precision {params.dev_precision:.3f}  recall {params.dev_recall:.3f}")
    for split in ("dev", "test"):
        items = load_labels(split=split)
        started = time.perf_counter()
        score = evaluate(topic_filter, items)
        per_item = (time.perf_counter() - started) / len(items) * 1000
        on = sum(i.on_topic for i in items)
        print(
            f"{split:4} ({score.items} items, {on} on topic): precision {score.precision:.3f}  "
            f"recall {score.recall:.3f}  ({per_item:.1f} ms per item)"
        )
        if args.verbose and score.wrong:
            titles = {i.id: (i.on_topic, i.title) for i in items}
            for item_id in score.wrong:
                on_topic, title = titles[item_id]
                print(f"    {item_id} ({'on' if on_topic else 'off'} topic, misjudged): {title}")


if __name__ == "__main__":
    main()
