import numpy as np


def dpo_loss(policy_chosen, policy_rejected, ref_chosen, ref_rejected, beta: float) -> float:
    raise NotImplementedError
