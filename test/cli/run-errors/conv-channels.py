# 흑백 이미지에 RGB용 합성곱 (a 1-channel image into a 3-channel conv)
import torch
import torch.nn as nn

torch.manual_seed(0)
conv = nn.Conv2d(3, 8, kernel_size=3)
gray = torch.zeros(1, 1, 8, 8)
out = conv(gray)
print(out.shape)
