import numpy as np


def dpo_loss(policy_chosen, policy_rejected, ref_chosen, ref_rejected, beta):
    z = beta * ((policy_chosen - ref_chosen) - (policy_rejected - ref_rejected))
    return float(np.mean(np.logaddexp(0.0, -z)))
