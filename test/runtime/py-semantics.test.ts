// The runtime's Python semantics, checked against values CPython 3.11 prints:
// the random module (bit-exact Mersenne Twister), round(), %-formatting,
// str.format, str/list methods and the exception hierarchy.

import { describe, expect, it } from "vitest";
import * as py from "../../runtime/py/index.js";
import * as random from "../../runtime/py/stdlib/random.js";
import * as math from "../../runtime/py/stdlib/math.js";

describe("random (CPython's Mersenne Twister)", () => {
  it("matches python3: random.seed(42); random(), randint, choice, shuffle, sample", () => {
    random.seed(42);
    expect(random.random()).toBe(0.6394267984578837);
    expect(random.randint(1, 100)).toBe(4);
    expect(random.choice(["a", "b", "c"])).toBe("c");
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    random.shuffle(xs);
    expect(xs).toEqual([8, 7, 3, 10, 1, 6, 2, 9, 4, 5]);
    expect(random.uniform(1, 10)).toBe(1.2860441153360522);
    expect(random.sample([...Array(100).keys()], 5)).toEqual([11, 27, 29, 64, 77]);
    expect(random.gauss(0, 1)).toBe(0.6566365067986689);
    expect(random.randrange(0, 100, 5)).toBe(85);
    expect(random.getrandbits(40)).toBe(242319992484);
  });

  it("uses every 32-bit word of a large seed (init_by_array)", () => {
    random.seed(12345678901234);
    expect(random.random()).toBe(0.02504137575317178);
  });
});

describe("random's other distributions and state, math's other functions (values from python3)", () => {
  it("normalvariate, expovariate, getstate/setstate and choice(range) draw as CPython does", () => {
    random.seed(7);
    expect(random.normalvariate(0, 1)).toBe(-0.35590824951057143);
    expect(random.normalvariate(10, 2)).toBe(10.558306186877575);
    expect(random.expovariate(1.5)).toBe(0.5117443053478311);
    const st = random.getstate();
    const a = random.random();
    random.setstate(st);
    expect(random.random()).toBe(a);
    expect(a).toBe(0.36568891691258554);
    expect(random.choice(py.range(100))).toBe(7);
  });

  it("acos, degrees, radians, hypot, asin, atan, trunc, copysign", () => {
    expect(math.acos(0.3)).toBe(1.2661036727794992);
    expect(math.degrees(1.0)).toBe(57.29577951308232);
    expect(math.radians(30)).toBe(0.5235987755982988);
    expect(math.hypot(3, 4, 12)).toBe(13.0);
    expect(math.asin(1)).toBe(1.5707963267948966);
    expect(math.atan(2)).toBe(1.1071487177940904);
    expect(math.trunc(-2.7)).toBe(-2);
    expect(math.copysign(2, -0.0)).toBe(-2.0);
    expect(() => math.acos(2)).toThrow("math domain error");
  });
});

describe("unpacking, equality, sets and async comprehensions", () => {
  it("unpack checks the count with CPython's messages", () => {
    expect(py.unpack("a=1".split("="), 2)).toEqual(["a", "1"]);
    expect(() => py.unpack(["x"], 3)).toThrow("not enough values to unpack (expected 3, got 1)");
    expect(() => py.unpack([1, 2, 3], 2)).toThrow("too many values to unpack (expected 2)");
  });

  it("== compares dicts and sets by content and never equates a tuple with a list", () => {
    expect(py.eq(new Map([["a", [1]]]), new Map([["a", [1]]]))).toBe(true);
    expect(py.eq(new Map([["a", 1]]), new Map([["a", 2]]))).toBe(false);
    expect(py.eq(new Set([1, 2]), new Set([2, 1]))).toBe(true);
    expect(py.eq(py.tuple(1, 2), [1, 2])).toBe(false);
    expect(py.eq(py.tuple(1, 2), py.tuple(1, 2))).toBe(true);
    expect(py.ne("a", "b")).toBe(true);
  });

  it("set algebra and remove's KeyError", () => {
    const a = new Set([1, 2, 3]);
    expect([...py.union(a, [4])].sort()).toEqual([1, 2, 3, 4]);
    expect([...py.intersection(a, [2, 3, 9])].sort()).toEqual([2, 3]);
    expect([...py.difference(a, [1])].sort()).toEqual([2, 3]);
    expect([...py.symmetricDifference(a, [3, 4])].sort()).toEqual([1, 2, 4]);
    expect(py.issubset([1, 2], a)).toBe(true);
    expect(py.isdisjoint(a, [7])).toBe(true);
    expect(() => py.setRemove(a, 9)).toThrow("9");
  });

  it("mapAsync runs the elements one after another, in order", async () => {
    const seen: number[] = [];
    const out = await py.mapAsync([3, 1, 2], async (x) => {
      await new Promise((r) => setTimeout(r, x));
      seen.push(x);
      return x * 10;
    });
    expect(out).toEqual([30, 10, 20]);
    expect(seen).toEqual([3, 1, 2]);
  });
});

describe("round, % and str.format", () => {
  it("rounds half to even on the exact binary value, as CPython", () => {
    expect(py.round(2.675, 2)).toBe(2.67);
    expect(py.round(0.125, 2)).toBe(0.12);
    expect(py.round(2.5)).toBe(2);
    expect(py.round(3.5)).toBe(4);
    expect(py.round(1234, -2)).toBe(1200);
  });

  it("formats printf-style like CPython", async () => {
    expect(await py.percentFormat("%5.2f|%-5d|%s|%05d|%x|%r|%%", py.tuple(3.14159, 42, "hi", -42, 255, "q"))).toBe(" 3.14|42   |hi|-0042|ff|'q'|%");
    await expect(py.percentFormat("%d %d", py.tuple(1))).rejects.toThrow("not enough arguments for format string");
  });

  it("formats str.format templates at run time", async () => {
    expect(await py.strFormat("{} + {:>5} = {:.2f} {name}", [1, "ab", 3.5], new Map([["name", "N"]]))).toBe("1 +    ab = 3.50 N");
    await expect(py.strFormat("{} {0}", [1, 2])).rejects.toThrow("cannot switch from automatic field numbering to manual field specification");
  });
});

describe("str and list methods", () => {
  it("splits, strips, centers and pads as Python", () => {
    expect(py.split("  a b  c ")).toEqual(["a", "b", "c"]);
    expect(py.split("a,b,c", ",", 1)).toEqual(["a", "b,c"]);
    expect(py.center("ab", 7, "*")).toBe("***ab**");
    expect(py.center("abc", 8, "*")).toBe("**abc***");
    expect(py.zfill("-42", 6)).toBe("-00042");
    expect(py.title("hello world")).toBe("Hello World");
    expect(py.replace("a$b", "$", "$&")).toBe("a$&b");
  });

  it("raises CPython's errors from list methods", () => {
    expect(() => py.pop([])).toThrow("pop from empty list");
    expect(() => py.remove([1], 2)).toThrow("list.remove(x): x not in list");
    expect(() => py.index([1], 5)).toThrow("5 is not in list");
    expect(() => py.at([1, 2], 5)).toThrow("list index out of range");
    expect(py.at([1, 2, 3], -1)).toBe(3);
  });

  it("sorts stably with key= and reverse=, comparing tuples lexicographically", () => {
    const pairs = [py.tuple("b", 2), py.tuple("a", 2), py.tuple("c", 1)];
    expect(py.sorted(pairs, { key: (p) => p[1] }).map((p) => p[0])).toEqual(["c", "b", "a"]);
    expect(py.sorted(pairs, { key: (p) => p[1], reverse: true }).map((p) => p[0])).toEqual(["b", "a", "c"]);
    expect(py.sorted(pairs).map((p) => p[0])).toEqual(["a", "b", "c"]);
    expect(() => py.sorted([1, "a"])).toThrow("'<' not supported between instances of 'str' and 'int'");
  });
});

describe("exceptions", () => {
  it("matches by Python class hierarchy, also for errors raised by name", () => {
    const e = new py.PyException("KeyError", "'k'");
    expect(py.excMatches(e, py.LookupError)).toBe(true);
    expect(py.excMatches(e, py.Exception)).toBe(true);
    expect(py.excMatches(e, py.ValueError)).toBe(false);
    expect(py.excMatches(new py.ZeroDivisionError("division by zero"), py.ArithmeticError)).toBe(true);
  });

  it("gives KeyError the repr of its key and a user subclass its own name", async () => {
    expect(await py.str(new py.KeyError("apple"))).toBe("'apple'");
    class BankError extends py.Exception {}
    const b = new BankError("no money", 5);
    expect(b.pyType).toBe("BankError");
    expect(await py.str(b)).toBe("('no money', 5)");
    expect(py.excMatches(b, py.Exception)).toBe(true);
    expect(py.excMatches(b, BankError)).toBe(true);
  });

  it("names the operator in TypeErrors of dynamic arithmetic", () => {
    expect(() => py.add("a", 1)).toThrow('can only concatenate str (not "int") to str');
    expect(() => py.add(1, "a")).toThrow("unsupported operand type(s) for +: 'int' and 'str'");
  });
});

describe("floats of no static type (PyFloat on the dynamic path)", () => {
  it("keeps arithmetic, comparisons, truth and round() of a PyFloat Python's", async () => {
    const v = py.float(6);
    expect(await py.str(py.add(v, 1))).toBe("7.0");
    expect(await py.str(py.mul(2, v))).toBe("12.0");
    expect(await py.str(py.truediv(v, 4))).toBe("1.5");
    expect(await py.str(py.neg(v))).toBe("-6.0");
    expect(await py.str(py.abs(py.float(-2)))).toBe("2.0");
    expect(py.eq(v, 6)).toBe(true);
    expect(py.gt(v, 5)).toBe(true);
    expect(await py.bool(py.float(0))).toBe(false);
    expect(py.round(py.float(2.5))).toBe(2);
    expect(await py.str(py.round(py.float(2.345), 2))).toBe("2.35");
    expect(() => py.truediv(v, 0)).toThrow("float division by zero");
    expect(() => py.add(v, "a")).toThrow("unsupported operand type(s) for +: 'float' and 'str'");
  });
});
