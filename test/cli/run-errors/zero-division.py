# 빈 리스트의 평균 (average of an empty list)
def mean(values):
    return sum(values) / len(values)


batches = [[0.5, 0.7], [0.2], []]
for b in batches:
    print(mean(b))
