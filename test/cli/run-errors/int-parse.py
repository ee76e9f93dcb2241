# 숫자가 아닌 문자열을 int로 (int() of a non-number)
lines = ["12", "7", "abc"]
total = 0
for s in lines:
    total += int(s)
    print("합계:", total)
