# 행렬 곱의 모양이 맞지 않을 때 (matrix product with mismatched shapes)
import torch


def project(a, w):
    return a @ w


a = torch.ones(2, 3)
print(project(a, torch.ones(3, 4)).shape)
print(project(a, torch.ones(2, 4)).shape)
