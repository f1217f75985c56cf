package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The byte-level helpers must agree with the rune-by-rune code they
// replaced, on any bytes: these are those references.

func refCJKRatio(s string) float64 {
	var cjk, all int
	for _, r := range s {
		if r <= ' ' {
			continue
		}
		all++
		if r >= 0x3000 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFFEF {
			cjk++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(cjk) / float64(all)
}

func refControlRatio(s string) float64 {
	var bad, all int
	for _, r := range s {
		all++
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' || r == 0x7f {
			bad++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(bad) / float64(all)
}

// refScanUTF8 is what Decode asked of a text before scanUTF8: utf8.Valid,
// then a search for NUL and \r and controlRatio's count, rune by rune.
func refScanUTF8(s string) utf8Scan {
	if !utf8.ValidString(s) {
		return utf8Scan{}
	}
	sc := utf8Scan{valid: true, nul: strings.ContainsRune(s, 0), cr: strings.ContainsRune(s, '\r')}
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' || r == 0x7f {
			sc.controls++
		}
	}
	return sc
}

// checkScans compares the helpers with their references on s.
func checkScans(t *testing.T, s string) {
	t.Helper()
	if got, want := cjkRatio(s), refCJKRatio(s); got != want {
		t.Errorf("cjkRatio(%q) = %v, want %v", s, got, want)
	}
	if got, want := controlRatio(s), refControlRatio(s); got != want {
		t.Errorf("controlRatio(%q) = %v, want %v", s, got, want)
	}
	if got, want := scanUTF8([]byte(s)), refScanUTF8(s); got != want {
		t.Errorf("scanUTF8(%q) = %+v, want %+v", s, got, want)
	}
	for _, n := range []int{0, 1, 2, 19, 40} {
		if got, want := runesAtMost(s, n), utf8.RuneCountInString(s) <= n; got != want {
			t.Errorf("runesAtMost(%q, %d) = %v, want %v", s, n, got, want)
		}
	}
	for i := range len(s) {
		r, n := decodeAt(s, i)
		if wr, wn := utf8.DecodeRuneInString(s[i:]); r != wr || n != wn {
			t.Errorf("decodeAt(%q, %d) = %q, %d, want %q, %d", s, i, r, n, wr, wn)
		}
	}
	if r, _ := utf8.DecodeLastRuneInString(s); endsSentence(s) != strings.ContainsRune(sentenceEnd, r) {
		t.Errorf("endsSentence(%q) = %v, want %v", s, endsSentence(s), !endsSentence(s))
	}
	// isPageNumber is asked about trimmed lines only
	if ts := strings.TrimSpace(s); isPageNumber(ts) != pageNumberRE.MatchString(ts) {
		t.Errorf("isPageNumber(%q) = %v, want %v", ts, isPageNumber(ts), !isPageNumber(ts))
	}
}

func TestScanHelpers(t *testing.T) {
	for _, s := range []string{
		"", "a", "上海合作组织", "ＡＢＣ　國", "\x01\x7f\n\t\f\r", "\xff\xe4\xb8\xe4\xb8\xad",
		"\xe0\x80\x80\xed\xa0\x80\xef\xbf\xbd\xef\xbf", "𠀀😀é", "- 12 -", "第 3 页 共 9 页", "Page 2 of 7",
		"12/40", "－ 7 －", "—3—", "– 4 –", "p", "第十章", "12345", "它说。", "“引”", "end.", "…",
		"plain ASCII, eight bytes and more\x00 then\r\nmore text\x7f", "\xc2\xa0\xf0\x9f\x98\x80\xf4\x90\x80\x80",
	} {
		checkScans(t, s)
	}
}

// FuzzScanHelpers checks the byte-level helpers against their rune-by-rune
// references on any bytes.
func FuzzScanHelpers(f *testing.F) {
	f.Add("上海合作组织成员国\n- 3 -\nＡＢ")
	f.Add("\xff\xe4\xb8\x01\x7f 第 2 页")
	f.Add("eight bytes of ASCII\x1f and\r\n上海\x00")
	f.Fuzz(func(t *testing.T, s string) { checkScans(t, s) })
}

func TestRuneSet(t *testing.T) {
	for _, set := range []string{"", "。!?;", "!?.", "a\xffb", "\uFFFD"} {
		rs := newRuneSet(set)
		for _, r := range []rune{'。', '!', '?', ';', '.', 'a', 'b', 0, -1, utf8.RuneError, 0xD800, '上', 0x10FFFF + 1} {
			if got, want := rs.has(r), strings.ContainsRune(set, r); got != want {
				t.Errorf("newRuneSet(%q).has(%q) = %v, want %v", set, r, got, want)
			}
		}
	}
}
