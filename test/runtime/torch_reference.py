"""Produces torch_reference.json: numbers from real PyTorch (1.13) that the
runtime tests compare against. Run: /usr/bin/python3 test/runtime/torch_reference.py
Never edit the JSON by hand."""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

out = {"torch_version": torch.__version__}


def seed003(loss_name, steps, act_last=None, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0, make_opt=None):
    X = torch.FloatTensor([[.05, .10]])
    YT = torch.FloatTensor([[0, 1]]) if loss_name == "ce" else torch.FloatTensor([[.01, .99]])
    W = torch.FloatTensor([[.15, .20], [.25, .30]])
    B = torch.FloatTensor([.35, .35])
    W2 = torch.FloatTensor([[.40, .45], [.50, .55]])
    B2 = torch.FloatTensor([.60, .60])
    layers = [nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 2)]
    if act_last == "sigmoid":
        layers.append(nn.Sigmoid())
    model = nn.Sequential(*layers)
    with torch.no_grad():
        model[0].weight = nn.Parameter(W)
        model[0].bias = nn.Parameter(B)
        model[2].weight = nn.Parameter(W2)
        model[2].bias = nn.Parameter(B2)
    loss_fn = nn.CrossEntropyLoss() if loss_name == "ce" else nn.MSELoss()
    optimizer = make_opt(model.parameters()) if make_opt else optim.SGD(model.parameters(), lr=lr, momentum=momentum, nesterov=nesterov, weight_decay=weight_decay)
    losses = []
    for epoch in range(steps):
        Y = model(X)
        E = loss_fn(Y, YT)
        optimizer.zero_grad()
        E.backward()
        optimizer.step()
        losses.append(E.item())
    return {
        "losses": losses,
        "params": [p.detach().tolist() for p in model.parameters()],
        "final": torch.softmax(model(X), dim=1).tolist() if loss_name == "ce" else model(X).tolist(),
    }


out["seed003_ce"] = seed003("ce", 1000)
out["seed003_mse_sigmoid"] = seed003("mse", 1000, act_last="sigmoid")
out["seed003_ce_momentum"] = seed003("ce", 200, momentum=0.9, weight_decay=0.01)
out["seed003_ce_nesterov"] = seed003("ce", 200, momentum=0.9, nesterov=True)
# The other optimizers on the same net (runtime/optim/*.ts follow 1.13's _single_tensor_* rules).
out["optimizers"] = {
    "adam": seed003("ce", 200, make_opt=lambda p: optim.Adam(p, lr=0.01)),
    "adam_wd_amsgrad": seed003("mse", 200, act_last="sigmoid", make_opt=lambda p: optim.Adam(p, lr=0.02, betas=(0.8, 0.99), weight_decay=0.1, amsgrad=True)),
    "adamw": seed003("ce", 200, make_opt=lambda p: optim.AdamW(p, lr=0.01, weight_decay=0.05)),
    "rmsprop": seed003("ce", 200, make_opt=lambda p: optim.RMSprop(p, lr=0.01)),
    "rmsprop_centered_momentum": seed003("mse", 200, act_last="sigmoid", make_opt=lambda p: optim.RMSprop(p, lr=0.005, momentum=0.9, centered=True, weight_decay=0.01)),
    "adagrad": seed003("ce", 200, make_opt=lambda p: optim.Adagrad(p, lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1)),
    "adadelta_wd": seed003("mse", 200, act_last="sigmoid", make_opt=lambda p: optim.Adadelta(p, lr=0.5, rho=0.8, weight_decay=0.01)),
    "sgd_dampening_maximize": seed003("ce", 200, make_opt=lambda p: optim.SGD(p, lr=0.01, momentum=0.9, dampening=0.3, maximize=True)),
}

# Gradient cases: each entry has the inputs, the forward value and input grads.
cases = {}


def case(name, fn, *inputs):
    ts = [torch.tensor(x, dtype=torch.float32, requires_grad=True) for x in inputs]
    y = fn(*ts)
    y.sum().backward() if y.dim() > 0 else y.backward()
    cases[name] = {
        "inputs": inputs,
        "output": y.detach().tolist(),
        "grads": [t.grad.tolist() for t in ts],
        "grad_fn": y.grad_fn.name(),
    }


a23 = [[0.5, -1.25, 2.0], [0.75, 0.1, -0.3]]
b23 = [[1.5, 0.25, -2.0], [0.6, 1.1, 0.9]]
b3 = [0.2, -0.7, 1.3]
w32 = [[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]]
case("add_broadcast", lambda a, b: a + b, a23, b3)
case("sub_broadcast", lambda a, b: a - b, a23, [[0.5], [2.0]])
case("mul_broadcast", lambda a, b: a * b, a23, b3)
case("div_broadcast", lambda a, b: a / b, a23, [1.5, -0.5, 2.5])
case("rsub_scalar", lambda a: 1 - a, a23)
case("rdiv_scalar", lambda a: 2 / a, a23)
case("pow_scalar", lambda a: a ** 3, a23)
case("sigmoid", lambda a: torch.sigmoid(a), a23)
case("tanh", lambda a: torch.tanh(a), a23)
case("relu", lambda a: torch.relu(a), a23)
case("exp_log", lambda a: torch.log(torch.exp(a) + 1), a23)
case("matmul_2d", lambda a, w: a @ w, a23, w32)
case("matmul_mv", lambda a, v: a @ v, a23, b3)
case("linear", lambda x, w, b: F.linear(x, w, b), a23, [[0.1, 0.2, 0.3], [-0.4, 0.5, -0.6]], [0.05, -0.05])
case("softmax", lambda a: torch.softmax(a, dim=1) * torch.tensor([[1.0, 2.0, 3.0]]), a23)
case("log_softmax", lambda a: torch.log_softmax(a, dim=0) * torch.tensor([[1.0, 2.0, 3.0]]), a23)
case("mean_dim", lambda a: a.mean(dim=1, keepdim=True) * a, a23)
case("sum_dim0", lambda a: a.sum(0) ** 2, a23)
case("max_dim", lambda a: a.max(dim=1)[0] * 2, a23)
case("mse_loss", lambda a, b: F.mse_loss(a, b), a23, b23)
case("mse_loss_sum", lambda a, b: F.mse_loss(a, b, reduction="sum"), a23, b23)
case("ce_prob", lambda a, t: F.cross_entropy(a, t.softmax(1)), a23, b23)
case("ce_prob_sum_ls", lambda a, t: F.cross_entropy(a, t.softmax(1), reduction="sum", label_smoothing=0.1), a23, b23)
case("l1_loss", lambda a, b: F.l1_loss(a, b), a23, b23)
case("bce", lambda a, t: F.binary_cross_entropy(torch.sigmoid(a), torch.sigmoid(t)), a23, b23)
case("bce_sum_weight", lambda a, t: F.binary_cross_entropy(torch.sigmoid(a), torch.sigmoid(t), torch.tensor([1.0, 2.0, 0.5]), reduction="sum"), a23, b23)
case("bce_logits", lambda a, t: F.binary_cross_entropy_with_logits(a, torch.sigmoid(t)), a23, b23)
case("bce_logits_pos_weight", lambda a, t: F.binary_cross_entropy_with_logits(a, torch.sigmoid(t), pos_weight=torch.tensor([2.0, 0.5, 1.0])), a23, b23)
case("bce_logits_none_weight", lambda a, t: F.binary_cross_entropy_with_logits(a, torch.sigmoid(t), torch.tensor([[0.5], [2.0]]), reduction="none"), a23, b23)
# Shape ops: joining, cutting, tiling, batched products (each output's own grad_fn).
a223 = [[[0.5, -1.25, 2.0], [0.75, 0.1, -0.3]], [[1.5, 0.25, -2.0], [0.6, 1.1, 0.9]]]
b232 = [[[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]], [[0.7, -0.1], [0.2, 0.3], [-0.4, 0.8]]]
case("cat_dim1", lambda a, b: torch.cat([a, b * 2], dim=1), a23, b23)
case("stack_dim2", lambda a, b: torch.stack([a, b * 2], dim=2), a23, b23)
case("split_sizes", lambda a: torch.split(a * a, [1, 2], dim=1)[1], a23)
case("chunk_dim0", lambda a: (a * a).chunk(2)[0], a23)
case("unbind_dim1", lambda a: torch.unbind(a * a, 1)[2], a23)
case("repeat", lambda a: a.repeat(2, 1, 2), a23)
case("bmm", lambda a, b: torch.bmm(a, b), a223, b232)
case("expand", lambda a: a.unsqueeze(0).expand(2, 2, 3), a23)
case("permute", lambda a: a.permute(2, 0, 1), a223)
# Indexing: views (select/slice/None/...), index tensors and lists, masks.
a34 = [[0.5, -1.25, 2.0, 0.3], [0.75, 0.1, -0.3, 1.7], [1.5, 0.25, -2.0, -0.8]]
case("index_select_col", lambda a: a[:, 1] * a[:, 2], a34)
case("index_slice_step", lambda a: a[1:, ::2] ** 2, a34)
case("index_ellipsis_none", lambda a: a[..., None, -1] * 3, a34)
case("index_list_repeat", lambda a: a[[2, 0, 2]] * a[0], a34)
case("index_two_tensors", lambda a: a[torch.arange(3), torch.tensor([3, 0, 3])] ** 2, a34)
case("index_mask", lambda a: a[a > 0.2] ** 2, a34)
case("index_cols_list", lambda a: a[1:, [0, 3]] * 2, a34)
# Reductions and elementwise math (compiler/api/families/tensor-math.ts).
case("var_all", lambda a: a.var(), a23)
case("var_dim_biased", lambda a: a.var(1, unbiased=False, keepdim=True) * a, a23)
case("std_dim", lambda a: a.std(dim=0) * 2, a23)
case("prod_all", lambda a: a.prod(), a23)
case("prod_dim", lambda a: a.prod(1) ** 2, a23)
case("norm_all", lambda a: a.norm(), a23)
case("norm_p1_dim", lambda a: a.norm(p=1, dim=1), a23)
case("clamp", lambda a: a.clamp(-0.5, 1.0) * a, a23)
case("clamp_min", lambda a: a.clamp(min=0.2) * 3, a23)
case("clamp_tensor_bounds", lambda a, b: torch.clamp(a, min=b, max=b + 0.8) * a, a23, b23)
case("clamp_min_tensor_broadcast", lambda a, b: a.clamp(min=b[0]) * 2, a23, b23)
case("maximum", lambda a, b: torch.maximum(a, b), a23, b23)
case("minimum", lambda a, b: torch.minimum(a, b) * 2, a23, b23)
case("log2_abs", lambda a: torch.log2(a.abs() + 0.5), a23)
case("log10_log1p", lambda a: (a.abs() + 0.5).log10() + a.abs().log1p(), a23)
case("expm1_rsqrt", lambda a: a.expm1() * (a.abs() + 0.5).rsqrt(), a23)
case("sin_cos", lambda a: a.sin() * a.cos(), a23)
case("round_floor_ceil", lambda a: a * 3 + (a * 3).round() + a.floor() + a.ceil() + a.sign(), a23)
# nn layers: activations, average pooling, batch norm, embedding (runtime/ops/activation.ts, avgpool.ts, nn/batchnorm.ts, nn/embedding.ts).
img134 = [[[[0.5, -1.25, 2.0, 0.3], [0.75, 0.1, -0.3, 1.7], [1.5, 0.25, -2.0, -0.8]]]]
case("leaky_relu", lambda a: F.leaky_relu(a, 0.2), a23)
case("elu", lambda a: F.elu(a, alpha=0.7), a23)
case("gelu", lambda a: F.gelu(a), a23)
case("gelu_tanh", lambda a: F.gelu(a, approximate="tanh"), a23)
case("softplus", lambda a: F.softplus(a, beta=2.0, threshold=1.5), a23)
case("avg_pool2d", lambda a: F.avg_pool2d(a, 2, stride=1, padding=1), img134)
case("avg_pool2d_ceil_nopad", lambda a: F.avg_pool2d(a, 2, ceil_mode=True, count_include_pad=False), img134)
case("adaptive_avg_pool2d", lambda a: F.adaptive_avg_pool2d(a, (2, 3)), img134)
case("batch_norm_train", lambda a, w, b: F.batch_norm(a, None, None, w, b, training=True) * torch.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]]), a23, [1.5, 0.5, -1.0], b3)
case("embedding_padding", lambda w: F.embedding(torch.tensor([[0, 2], [2, 1]]), w, padding_idx=1), w32)
case("gather_dim1", lambda a: a.gather(1, torch.tensor([[2, 0, 2], [1, 1, 0]])) * torch.tensor([[1.0, 2.0, 3.0]]), a23)
case("gather_dim0", lambda a: torch.gather(a, 0, torch.tensor([[1, 0, 1]])) * 2, a23)
case("index_select", lambda a: a.index_select(1, torch.tensor([2, 0, 2])) * torch.tensor([[1.0, 2.0, 3.0]]), a23)
case("masked_fill", lambda a: a.masked_fill(torch.tensor([[True, False, True], [False, False, True]]), -1.5) * torch.tensor([[1.0, 2.0, 3.0]]), a23)
# Ordering, running sums, vector products, `%` (compiler/api/families/tensor-order.ts).
case("sort_dim1_weighted", lambda a: torch.sort(a, dim=1).values * torch.tensor([[1.0, 2.0, 3.0]]), a23)
case("sort_dim0_desc", lambda a: a.sort(0, descending=True)[0], a23)
case("topk_weighted", lambda a: a.topk(2).values * torch.tensor([[1.0, -2.0]]), a23)
case("topk_smallest_dim0", lambda a: torch.topk(a, 1, dim=0, largest=False).values, a23)
case("cumsum_dim1_weighted", lambda a: a.cumsum(1) * torch.tensor([[1.0, 2.0, 3.0]]), a23)
case("cumsum_dim0", lambda a: torch.cumsum(a, dim=0), a23)
case("dot", lambda a, b: torch.dot(a, b), b3, [0.5, -1.0, 2.0])
case("mv", lambda a, b: torch.mv(a, b), a23, b3)
case("outer_weighted", lambda a, b: torch.outer(a, b) * torch.tensor([[1.0], [2.0], [3.0]]), b3, [0.5, -1.0])
case("remainder_tensor", lambda a, b: a % b, a23, b23)
case("remainder_scalar", lambda a: torch.remainder(a, 0.7), a23)
case("masked_fill_inplace", lambda a: (a * 2).masked_fill_(torch.tensor([[True, False, True], [False, False, True]]), 0.5), a23)
# Recurrent layers through the same kernels nn.LSTM/GRU/RNN call (torch._VF), weights as inputs.
seq = [[[0.5, -1.0, 0.25]], [[0.1, 0.3, -0.7]], [[-0.4, 0.8, 0.6]]]  # (T=3, B=1, in=3)
h0 = torch.tensor([[[0.1, -0.2]]])
w_rnn = ([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], [[0.2, -0.1], [0.3, 0.4]], [0.05, -0.05], [0.1, 0.2])
def gate_weights(g):
    wi = [[0.1 * ((r * 3 + c) % 7) - 0.3 for c in range(3)] for r in range(2 * g)]
    wh = [[0.05 * ((r * 2 + c) % 5) - 0.1 for c in range(2)] for r in range(2 * g)]
    return (wi, wh, [0.01 * r for r in range(2 * g)], [-0.02 * r for r in range(2 * g)])
case("rnn_tanh", lambda x, a, b, c, d: torch._VF.rnn_tanh(x, h0, [a, b, c, d], True, 1, 0.0, False, False, False)[0] * torch.tensor([1.0, -2.0]), seq, *w_rnn)
case("lstm", lambda x, a, b, c, d: torch._VF.lstm(x, (h0, h0 * 2), [a, b, c, d], True, 1, 0.0, False, False, False)[0] * torch.tensor([1.0, -2.0]), seq, *gate_weights(4))
case("gru", lambda x, a, b, c, d: torch._VF.gru(x, h0, [a, b, c, d], True, 1, 0.0, False, False, False)[0] * torch.tensor([1.0, -2.0]), seq, *gate_weights(3))
out["cases"] = cases

# Class-index cross entropy (targets are not differentiable).
ce_idx = {}
for red in ["mean", "sum", "none"]:
    x = torch.tensor(a23, requires_grad=True)
    y = F.cross_entropy(x, torch.tensor([2, 0]), reduction=red)
    y.sum().backward()
    ce_idx[red] = {"output": y.tolist(), "grad": x.grad.tolist(), "grad_fn": y.grad_fn.name()}
x = torch.tensor(a23, requires_grad=True)
y = F.cross_entropy(x, torch.tensor([2, -100]), weight=torch.tensor([1.0, 2.0, 0.5]))
y.backward()
ce_idx["weighted_ignore"] = {"output": y.item(), "grad": x.grad.tolist(), "grad_fn": y.grad_fn.name()}
for red in ["mean", "sum", "none"]:
    x = torch.tensor(a23, requires_grad=True)
    y = F.cross_entropy(x, torch.tensor([2, -100]), weight=torch.tensor([1.0, 2.0, 0.5]), reduction=red, label_smoothing=0.2)
    y.sum().backward()
    ce_idx["smoothing_" + red] = {"output": y.tolist(), "grad": x.grad.tolist(), "grad_fn": y.grad_fn.name()}
out["ce_index"] = {"input": a23, "cases": ce_idx}

# float32 transcendental kernels, bit for bit (exp/log via SLEEF; sigmoid is
# vectorised in blocks of 16 and scalar on the tail).
g = torch.Generator().manual_seed(3)
xs = torch.cat([torch.randn(1500, generator=g) * 4, torch.rand(500, generator=g) * 160 - 80]).float()
pos = (torch.rand(2000, generator=g) * 50 + 1e-4).float()
out["float32_kernels"] = {
    "x": xs.tolist(),
    "exp": torch.exp(xs).tolist(),
    "pos": pos.tolist(),
    "log": torch.log(pos).tolist(),
    "sigmoid_tail": torch.cat([torch.sigmoid(xs[i:i + 2]) for i in range(0, 2000, 2)]).tolist(),
    "sigmoid_vec": torch.sigmoid(xs).tolist(),
    "log_softmax": torch.log_softmax(xs.view(-1, 2) * 0.1, dim=1).tolist(),
    "softmax": torch.softmax(xs.view(-1, 4) * 0.1, dim=1).tolist(),
}

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "torch_reference.json"), "w") as f:
    json.dump(out, f, indent=1)
print("wrote", os.path.join(here, "torch_reference.json"))
