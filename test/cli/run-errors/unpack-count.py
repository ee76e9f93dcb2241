# 쉼표로 나눈 값의 개수가 다를 때 (unpacking a split with the wrong count)
rows = ["pen,1.5,10", "notebook,3.25"]
for row in rows:
    name, price, qty = row.split(",")
    print(name, float(price) * int(qty))
