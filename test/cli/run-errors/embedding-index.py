# 단어 집합보다 큰 인덱스로 임베딩 조회 (token id >= num_embeddings)
import torch
import torch.nn as nn

torch.manual_seed(0)
emb = nn.Embedding(5, 2)
print(emb(torch.tensor([0, 4])).shape)
print(emb(torch.tensor([1, 5])))
