# 문자열과 숫자 더하기 (str + int)
epoch = 3
print("epoch " + str(epoch))
print("epoch " + epoch)
