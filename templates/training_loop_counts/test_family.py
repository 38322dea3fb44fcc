"""BITS Q1 C: 5000 training images, batch size 32, 10 epochs.

5000 = 156 * 32 + 8, so an epoch has 157 batches and the last holds 8 (as the seed prints).
The seed answers "5000" forward propagations and "157" backpropagations, which count one epoch
only; over the 10 epochs asked about there are 50000 image forward passes and 1570 updates.
"""

from generator.registry import default_registry


def test_source_instance() -> None:
    family = default_registry().get("training_loop_counts")
    values = family.solve(family.source_instance())
    assert values["batches_per_epoch"] == 157
    assert values["last_batch"] == 8
    assert values["updates"] == 1570
    assert values["forward_images"] == 50000


def test_updates_follow_a_students_batch_count() -> None:
    family = default_registry().get("training_loop_counts")
    values = family.solve(family.source_instance(), given={"batches_per_epoch": 156})
    assert values["updates"] == 1560
