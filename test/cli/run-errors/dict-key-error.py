# 없는 키를 찾을 때 (a missing dict key)
vocab = {"<pad>": 0, "나는": 1, "학생": 2}


def encode(words):
    return [vocab[w] for w in words]


print(encode(["나는", "학생"]))
print(encode(["나는", "선생님"]))
