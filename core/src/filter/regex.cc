// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Parser: recursive descent over the pattern (depth-limited) producing a small AST, then code
// generation as in Russ Cox, "Regular Expression Matching: the Virtual Machine Approach".
#include "filter/regex.h"

#include <memory>
#include <string>

namespace trackscope::filter {
namespace {

constexpr size_t kMaxProgram = 20000;  // instructions; counted repetition expands
constexpr int kMaxDepth = 64;          // group nesting

bool IsWord(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

struct Node {
  enum Kind { kEmpty, kLiteral, kAny, kClass, kConcat, kAlternate, kRepeat, kBegin, kEnd, kWordB, kNotWordB } kind = kEmpty;
  uint8_t c = 0;
  std::bitset<256> set;
  std::vector<std::unique_ptr<Node>> children;
  int min = 0, max = -1;  // kRepeat; max -1 = unbounded
};

class Parser {
 public:
  Parser(std::string_view s, bool icase) : s_(s), icase_(icase) {}

  Result<std::unique_ptr<Node>> Parse() {
    auto node = ParseAlternation(0);
    if (!error_.empty()) return Error{"", error_};
    if (pos_ != s_.size()) return Error{"", "unbalanced ')' at offset " + std::to_string(pos_)};
    return node;
  }

 private:
  bool Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[pos_]; }

  void AddChar(std::bitset<256>& set, unsigned char c) {
    set.set(c);
    if (icase_ && c >= 'a' && c <= 'z') set.set(c - 32);
    if (icase_ && c >= 'A' && c <= 'Z') set.set(c + 32);
  }
  static void AddEscapeClass(std::bitset<256>& set, char e) {
    std::bitset<256> cls;
    char lower = static_cast<char>(e | 0x20);
    for (int c = 0; c < 256; ++c) {
      bool in = lower == 'd' ? (c >= '0' && c <= '9')
              : lower == 'w' ? IsWord(static_cast<unsigned char>(c))
                             : (c == ' ' || (c >= '\t' && c <= '\r'));
      if (in) cls.set(c);
    }
    if (e >= 'A' && e <= 'Z') cls.flip();
    set |= cls;
  }

  // Reads an escape after '\'. Returns -1 for a class escape (added to `set`), else the char.
  int ParseEscape(std::bitset<256>* set) {
    if (AtEnd()) return Fail("trailing backslash"), 0;
    char e = s_[pos_++];
    switch (e) {
      case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
        if (set) AddEscapeClass(*set, e);
        return -1;
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'f': return '\f';
      case 'v': return '\v';
      case '0': return '\0';
      case 'x': case 'u': {
        int digits = e == 'x' ? 2 : 4, value = 0;
        for (int i = 0; i < digits; ++i) {
          char h = Peek();
          int v = (h >= '0' && h <= '9') ? h - '0' : ((h | 0x20) >= 'a' && (h | 0x20) <= 'f') ? (h | 0x20) - 'a' + 10 : -1;
          if (v < 0) return Fail(std::string("invalid \\") + e + " escape"), 0;
          value = value * 16 + v;
          ++pos_;
        }
        if (value > 0xFF) return Fail("non-Latin-1 character escapes are not supported"), 0;
        return value;
      }
      default:
        if (e >= '1' && e <= '9') return Fail("backreferences are not supported"), 0;
        return static_cast<unsigned char>(e);
    }
  }

  std::unique_ptr<Node> ParseClass() {
    auto node = std::make_unique<Node>();
    node->kind = Node::kClass;
    bool negate = false;
    if (Peek() == '^') {
      negate = true;
      ++pos_;
    }
    bool first = true;
    while (!AtEnd() && (Peek() != ']' || (first && false))) {
      first = false;
      int lo;
      if (Peek() == '\\') {
        ++pos_;
        lo = ParseEscape(&node->set);
        if (lo < 0) continue;
      } else {
        lo = static_cast<unsigned char>(s_[pos_++]);
      }
      if (Peek() == '-' && pos_ + 1 < s_.size() && s_[pos_ + 1] != ']') {
        ++pos_;
        int hi;
        if (Peek() == '\\') {
          ++pos_;
          hi = ParseEscape(nullptr);
          if (hi < 0) return Fail("class escape as a range end"), nullptr;
        } else {
          hi = static_cast<unsigned char>(s_[pos_++]);
        }
        if (hi < lo) return Fail("range out of order in character class"), nullptr;
        for (int c = lo; c <= hi; ++c) AddChar(node->set, static_cast<unsigned char>(c));
      } else {
        AddChar(node->set, static_cast<unsigned char>(lo));
      }
    }
    if (AtEnd()) return Fail("unterminated character class"), nullptr;
    ++pos_;  // ']'
    if (negate) node->set.flip();
    return node;
  }

  std::unique_ptr<Node> ParseAtom(int depth) {
    char c = s_[pos_++];
    auto node = std::make_unique<Node>();
    switch (c) {
      case '.':
        node->kind = Node::kAny;
        return node;
      case '^':
        node->kind = Node::kBegin;
        return node;
      case '$':
        node->kind = Node::kEnd;
        return node;
      case '[':
        return ParseClass();
      case '(': {
        if (Peek() == '?') {
          if (pos_ + 1 < s_.size() && s_[pos_ + 1] == ':') {
            pos_ += 2;
          } else {
            return Fail("lookaround and named groups are not supported"), nullptr;
          }
        }
        auto inner = ParseAlternation(depth + 1);
        if (!inner) return nullptr;
        if (Peek() != ')') return Fail("missing ')'"), nullptr;
        ++pos_;
        return inner;
      }
      case '\\': {
        if (Peek() == 'b' || Peek() == 'B') {
          node->kind = s_[pos_++] == 'b' ? Node::kWordB : Node::kNotWordB;
          return node;
        }
        std::bitset<256> set;
        int e = ParseEscape(&set);
        if (!error_.empty()) return nullptr;
        if (e < 0) {
          node->kind = Node::kClass;
          node->set = set;
          return node;
        }
        c = static_cast<char>(e);
        break;
      }
      case '*': case '+': case '?':
        return Fail("nothing to repeat"), nullptr;
      default:
        break;
    }
    node->kind = Node::kClass;
    AddChar(node->set, static_cast<unsigned char>(c));
    if (node->set.count() == 1) {
      node->kind = Node::kLiteral;
      node->c = static_cast<uint8_t>(c);
    }
    return node;
  }

  bool ParseNumber(int& out) {
    if (!(Peek() >= '0' && Peek() <= '9')) return false;
    out = 0;
    while (Peek() >= '0' && Peek() <= '9') {
      out = out * 10 + (s_[pos_++] - '0');
      if (out > 1000) return Fail("repetition count above 1000"), false;
    }
    return true;
  }

  std::unique_ptr<Node> ParseRepeat(int depth) {
    auto atom = ParseAtom(depth);
    if (!atom) return nullptr;
    while (!AtEnd()) {
      int min, max;
      char c = Peek();
      if (c == '*') { min = 0; max = -1; ++pos_; }
      else if (c == '+') { min = 1; max = -1; ++pos_; }
      else if (c == '?') { min = 0; max = 1; ++pos_; }
      else if (c == '{') {
        size_t save = pos_++;
        if (!ParseNumber(min)) { pos_ = save; break; }  // a literal '{' as in JS
        max = min;
        if (Peek() == ',') {
          ++pos_;
          max = -1;
          if (Peek() != '}' && !ParseNumber(max)) { pos_ = save; break; }
        }
        if (Peek() != '}') { pos_ = save; break; }
        ++pos_;
        if (max != -1 && max < min) return Fail("repetition {n,m} with m < n"), nullptr;
      } else {
        break;
      }
      if (!error_.empty()) return nullptr;
      if (Peek() == '?') ++pos_;  // lazy: same language
      if (atom->kind == Node::kBegin || atom->kind == Node::kEnd) continue;
      auto rep = std::make_unique<Node>();
      rep->kind = Node::kRepeat;
      rep->min = min;
      rep->max = max;
      rep->children.push_back(std::move(atom));
      atom = std::move(rep);
    }
    return atom;
  }

  std::unique_ptr<Node> ParseConcat(int depth) {
    auto node = std::make_unique<Node>();
    node->kind = Node::kConcat;
    while (!AtEnd() && Peek() != '|' && Peek() != ')') {
      if (Peek() == '{') {  // literal brace not starting a quantifier
        ++pos_;
        auto lit = std::make_unique<Node>();
        lit->kind = Node::kLiteral;
        lit->c = '{';
        node->children.push_back(std::move(lit));
        continue;
      }
      auto r = ParseRepeat(depth);
      if (!r) return nullptr;
      node->children.push_back(std::move(r));
    }
    return node;
  }

  std::unique_ptr<Node> ParseAlternation(int depth) {
    if (depth > kMaxDepth) return Fail("groups nested too deeply"), nullptr;
    auto first = ParseConcat(depth);
    if (!first) return nullptr;
    if (Peek() != '|') return first;
    auto alt = std::make_unique<Node>();
    alt->kind = Node::kAlternate;
    alt->children.push_back(std::move(first));
    while (Peek() == '|') {
      ++pos_;
      auto next = ParseConcat(depth);
      if (!next) return nullptr;
      alt->children.push_back(std::move(next));
    }
    return alt;
  }

  std::string_view s_;
  bool icase_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

class RegexCompiler {
 public:
  explicit RegexCompiler(Regex& re) : re_(re) {}

  bool Emit(const Node& n) {
    if (re_.program_.size() > kMaxProgram) return false;
    using Op = Regex::Op;
    switch (n.kind) {
      case Node::kEmpty:
        return true;
      case Node::kLiteral:
        re_.program_.push_back({Op::kChar, n.c});
        return true;
      case Node::kAny:
        re_.program_.push_back({Op::kAny});
        return true;
      case Node::kClass:
        re_.classes_.push_back(n.set);
        re_.program_.push_back({Op::kClass, 0, static_cast<uint32_t>(re_.classes_.size() - 1)});
        return true;
      case Node::kBegin:
        re_.program_.push_back({Op::kBegin});
        return true;
      case Node::kEnd:
        re_.program_.push_back({Op::kEnd});
        return true;
      case Node::kWordB:
        re_.program_.push_back({Op::kWordBoundary});
        return true;
      case Node::kNotWordB:
        re_.program_.push_back({Op::kNotWordBoundary});
        return true;
      case Node::kConcat:
        for (const auto& c : n.children) {
          if (!Emit(*c)) return false;
        }
        return true;
      case Node::kAlternate: {
        std::vector<size_t> jumps;
        for (size_t i = 0; i < n.children.size(); ++i) {
          size_t split = re_.program_.size();
          if (i + 1 < n.children.size()) re_.program_.push_back({Op::kSplit, 0, static_cast<uint32_t>(split + 1)});
          if (!Emit(*n.children[i])) return false;
          if (i + 1 < n.children.size()) {
            jumps.push_back(re_.program_.size());
            re_.program_.push_back({Op::kJump});
            re_.program_[split].y = static_cast<uint32_t>(re_.program_.size());
          }
        }
        for (size_t j : jumps) re_.program_[j].x = static_cast<uint32_t>(re_.program_.size());
        return true;
      }
      case Node::kRepeat: {
        const Node& body = *n.children[0];
        for (int i = 0; i < n.min; ++i) {
          if (!Emit(body)) return false;
        }
        if (n.max == -1) {
          // L: split L1, L2; L1: body; jmp L; L2:
          size_t split = re_.program_.size();
          re_.program_.push_back({Op::kSplit, 0, static_cast<uint32_t>(split + 1)});
          if (!Emit(body)) return false;
          re_.program_.push_back({Op::kJump, 0, static_cast<uint32_t>(split)});
          re_.program_[split].y = static_cast<uint32_t>(re_.program_.size());
        } else {
          std::vector<size_t> splits;
          for (int i = n.min; i < n.max; ++i) {
            splits.push_back(re_.program_.size());
            re_.program_.push_back({Op::kSplit, 0, static_cast<uint32_t>(re_.program_.size() + 1)});
            if (!Emit(body)) return false;
          }
          for (size_t s : splits) re_.program_[s].y = static_cast<uint32_t>(re_.program_.size());
        }
        return re_.program_.size() <= kMaxProgram;
      }
    }
    return false;
  }

 private:
  Regex& re_;
};

Result<Regex> Regex::Compile(std::string_view source, bool ignore_case) {
  Parser parser(source, ignore_case);
  Result<std::unique_ptr<Node>> ast = parser.Parse();
  if (!ast.ok()) return ast.error();
  Regex re;
  RegexCompiler compiler(re);
  if (!compiler.Emit(*ast.value())) return Error{"", "regular expression too large"};
  re.program_.push_back({Op::kMatch});
  re.ComputePrefilter();
  return re;
}

// The instructions reachable from the start without consuming input decide where a match can
// begin: if all of them test a byte, their union is the set of possible first bytes; if every
// path starts with '^', matches can only start at 0.
void Regex::ComputePrefilter() {
  std::vector<bool> seen(program_.size(), false);
  std::vector<uint32_t> stack = {0};
  bool all_consume = true, all_anchored = true;
  while (!stack.empty()) {
    uint32_t pc = stack.back();
    stack.pop_back();
    if (pc >= program_.size() || seen[pc]) continue;
    seen[pc] = true;
    const Inst& in = program_[pc];
    switch (in.op) {
      case Op::kJump: stack.push_back(in.x); break;
      case Op::kSplit: stack.push_back(in.x); stack.push_back(in.y); break;
      case Op::kChar: first_.set(in.c); all_anchored = false; break;
      case Op::kClass: first_ |= classes_[in.x]; all_anchored = false; break;
      case Op::kBegin: {
        // What follows '^' must be at position 0: look through it for the first byte too.
        stack.push_back(pc + 1);
        break;
      }
      default: all_consume = false; all_anchored = false; break;
    }
  }
  has_first_ = all_consume;
  anchored_ = !program_.empty() && program_[0].op == Op::kBegin;
  (void)all_anchored;
}

bool Regex::Search(std::string_view text) const {
  // Thread lists as sparse sets of program counters (Pike VM without captures). The buffers are
  // per thread and reused: no allocation once they have grown to the largest program.
  if (has_first_) {
    if (anchored_) {
      if (text.empty() || !first_.test(static_cast<unsigned char>(text[0]))) return false;
    } else {
      bool any = false;
      for (char c : text) any = any || first_.test(static_cast<unsigned char>(c));
      if (!any) return false;
    }
  }
  const size_t n = program_.size();
  thread_local std::vector<uint32_t> clist, nlist, stack;
  // mark[pc] == generation + pos: pc is already in the list for position pos. Each search uses a
  // fresh range of generations, so the marks never need clearing.
  thread_local std::vector<uint64_t> mark;
  thread_local uint64_t generation = 0;
  if (mark.size() < n) mark.assign(n, 0);
  const uint64_t base = ++generation;  // marks of this search: base .. base + text.size()
  generation += text.size() + 1;
  clist.clear();
  nlist.clear();
  auto word_at = [&](size_t i) { return i < text.size() && IsWord(static_cast<unsigned char>(text[i])); };

  // Adds `pc` and everything reachable from it without consuming input at position `pos`.
  auto add = [&](std::vector<uint32_t>& list, uint32_t start_pc, size_t pos) -> bool {
    stack.clear();
    stack.push_back(start_pc);
    while (!stack.empty()) {
      uint32_t pc = stack.back();
      stack.pop_back();
      if (mark[pc] == base + pos) continue;
      mark[pc] = base + pos;
      const Inst& in = program_[pc];
      switch (in.op) {
        case Op::kJump: stack.push_back(in.x); break;
        case Op::kSplit: stack.push_back(in.y); stack.push_back(in.x); break;
        case Op::kBegin: if (pos == 0) stack.push_back(pc + 1); break;
        case Op::kEnd: if (pos == text.size()) stack.push_back(pc + 1); break;
        case Op::kWordBoundary:
        case Op::kNotWordBoundary: {
          bool boundary = (pos > 0 && word_at(pos - 1)) != word_at(pos);
          if (boundary == (in.op == Op::kWordBoundary)) stack.push_back(pc + 1);
          break;
        }
        case Op::kMatch: return true;
        default: list.push_back(pc); break;
      }
    }
    return false;
  };

  for (size_t pos = 0;; ++pos) {
    // Unanchored search: a new thread starts at every position (marks use a distinct generation
    // per position, so the start thread joins the threads carried over).
    if (add(clist, 0, pos)) return true;
    if (pos == text.size()) return false;
    const unsigned char ch = static_cast<unsigned char>(text[pos]);
    nlist.clear();
    for (uint32_t pc : clist) {
      const Inst& in = program_[pc];
      bool step = (in.op == Op::kChar && in.c == ch) || (in.op == Op::kAny && ch != '\n' && ch != '\r') ||
                  (in.op == Op::kClass && classes_[in.x].test(ch));
      if (step && add(nlist, pc + 1, pos + 1)) return true;
    }
    std::swap(clist, nlist);
  }
}

}  // namespace trackscope::filter
