import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

@suite.test("zero weights make the block the identity")
def identity(sub):
    d, f = 4, 8
    p = {"ln1_g": np.ones(d), "ln1_b": np.zeros(d), "ln2_g": np.ones(d), "ln2_b": np.zeros(d),
         "wq": np.zeros((d, d)), "wk": np.zeros((d, d)), "wv": np.zeros((d, d)), "wo": np.zeros((d, d)),
         "w1": np.zeros((d, f)), "b1": np.zeros(f), "w2": np.zeros((f, d)), "b2": np.zeros(d), "n_heads": 2}
    x = np.arange(12.0).reshape(3, 4)
    close(sub.decoder_block(x, p), x, atol=1e-12, input=x)
