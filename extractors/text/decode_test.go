package text

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

const sample = "成员国重申恪守《上合组织宪章》。\n第二段。"

func TestDecode(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(sample)
	gb18030, _ := simplifiedchinese.GB18030.NewEncoder().String(sample)
	big5, _ := traditionalchinese.Big5.NewEncoder().String("成員國重申恪守《聯合國憲章》。")
	u16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(sample)
	u16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(sample)
	u16leNoBOM, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String(sample)
	// 一 (U+4E00) and 最 (U+6700) put a zero in the low byte, on the other
	// side from the zeros of ASCII and punctuation
	both := "成员国一致支持《联合国宪章》,最后。\n"
	bothLE, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String(both)
	bothBE, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().String(both)
	englishBE, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().String("The Member States reaffirm the Charter.\n")
	tests := []struct {
		name, in, forced string
		want, enc        string
		notText          bool
	}{
		{name: "utf-8", in: sample, want: sample, enc: "utf-8"},
		{name: "utf-8 with BOM", in: "\xef\xbb\xbf" + sample, want: sample, enc: "utf-8"},
		{name: "crlf", in: "一\r\n二\r三", want: "一\n二\n三", enc: "utf-8"},
		{name: "gbk", in: gbk, want: sample, enc: "gb18030"},
		{name: "gb18030", in: gb18030, want: sample, enc: "gb18030"},
		{name: "big5", in: big5, want: "成員國重申恪守《聯合國憲章》。", enc: "big5"},
		{name: "utf-16le with BOM", in: u16le, want: sample, enc: "utf-16le"},
		{name: "utf-16be with BOM", in: u16be, want: sample, enc: "utf-16be"},
		{name: "utf-16le without BOM", in: u16leNoBOM, want: sample, enc: "utf-16le"},
		{name: "utf-16le without BOM, zeros on both sides", in: bothLE, want: both, enc: "utf-16le"},
		{name: "utf-16be without BOM, zeros on both sides", in: bothBE, want: both, enc: "utf-16be"},
		{name: "utf-16be without BOM, English", in: englishBE, want: "The Member States reaffirm the Charter.\n", enc: "utf-16be"},
		{name: "forced gbk", in: gbk, forced: "gbk", want: sample, enc: "gbk"},
		{name: "binary", in: "\x00\x01\x02\x03\xff\xfe\xfd\x00\x00\x10", notText: true},
		{name: "invalid everywhere", in: "\xff\xff\xff\xff\x80\x80", notText: true},
		{name: "control characters", in: "a\x01\x02\x03\x04b", notText: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := Decode([]byte(tt.in), tt.forced)
			if tt.notText {
				var nt *NotTextError
				if !errors.As(err, &nt) {
					t.Fatalf("Decode = %q, %v; want a NotTextError", got, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || enc != tt.enc {
				t.Errorf("Decode = %q (%s), want %q (%s)", got, enc, tt.want, tt.enc)
			}
		})
	}
}

func TestDecodeUnknownEncoding(t *testing.T) {
	if _, _, err := Decode([]byte("x"), "latin-9"); err == nil {
		t.Fatal("want an error for an unknown encoding")
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("\xef\xbb\xbf" + sample))
	f.Add([]byte{0xff, 0xfe, 0x41, 0x00})
	f.Add([]byte{0x81, 0x30, 0x81, 0x30})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, _, err := Decode(b, "")
		if err == nil && !utf8.ValidString(s) {
			t.Fatalf("Decode returned invalid UTF-8 for %q", b)
		}
	})
}

// refDecode and refDetect are Decode and detect as they were before
// scanUTF8: utf8.Valid, then a search for NUL bytes, controlRatio and the
// line ends' replacements, each a pass of its own. FuzzDecodeOracle checks
// Decode against them.
func refDecode(raw []byte, forced string) (string, string, error) {
	var s, enc string
	var err error
	if forced != "" {
		e, err := encodingByName(forced)
		if err != nil {
			return "", "", err
		}
		if e == nil {
			if !utf8.Valid(raw) {
				return "", "", &NotTextError{Reason: "invalid UTF-8"}
			}
			s, enc = string(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))), "utf-8"
		} else if s, err = decodeWith(e, raw); err != nil {
			return "", "", err
		} else {
			enc = strings.ToLower(forced)
		}
	} else if s, enc, err = refDetect(raw); err != nil {
		return "", "", err
	}
	if strings.ContainsRune(s, 0) {
		return "", "", &NotTextError{Reason: "contains NUL bytes"}
	}
	if bad := controlRatio(s); bad > 0.01 {
		return "", "", &NotTextError{Reason: fmt.Sprintf("%.0f%% control characters", bad*100)}
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return s, enc, nil
}
func refDetect(raw []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")):
		rest := raw[3:]
		if !utf8.Valid(rest) {
			return "", "", &NotTextError{Reason: "UTF-8 BOM followed by invalid UTF-8"}
		}
		return string(rest), "utf-8", nil
	case bytes.HasPrefix(raw, []byte("\xff\xfe")):
		s, err := decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), raw)
		return s, "utf-16le", err
	case bytes.HasPrefix(raw, []byte("\xfe\xff")):
		s, err := decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), raw)
		return s, "utf-16be", err
	}
	if utf8.Valid(raw) {
		if bytes.IndexByte(raw, 0) >= 0 {
			if s, enc, ok := utf16NoBOM(raw); ok {
				return s, enc, nil
			}
			return "", "", &NotTextError{Reason: "contains NUL bytes"}
		}
		return string(raw), "utf-8", nil
	}
	if s, enc, ok := utf16NoBOM(raw); ok {
		return s, enc, nil
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		return "", "", &NotTextError{Reason: "contains NUL bytes"}
	}
	if s, err := decodeWith(simplifiedchinese.GB18030, raw); err == nil && cjkRatio(s) > 0.2 {
		return s, "gb18030", nil
	}
	if s, err := decodeWith(traditionalchinese.Big5, raw); err == nil && cjkRatio(s) > 0.2 {
		return s, "big5", nil
	}
	return "", "", &NotTextError{Reason: "invalid byte sequences in UTF-8, UTF-16, GB18030 and Big5"}
}

// FuzzDecodeOracle checks Decode against refDecode on any bytes, detected
// and forced to UTF-8: the same text, encoding and error.
func FuzzDecodeOracle(f *testing.F) {
	f.Add([]byte(sample), false)
	f.Add([]byte("\xef\xbb\xbf"+sample+"\r\n\x01"), true)
	f.Add([]byte("a\x01\x02\x03\x04b plain ASCII text\r"), false)
	f.Add([]byte{0xff, 0xfe, 0x41, 0x00}, false)
	f.Add([]byte{0x81, 0x30, 0x81, 0x30}, false)
	f.Add([]byte("上海\x00合作"), true)
	f.Fuzz(func(t *testing.T, b []byte, forced bool) {
		enc := ""
		if forced {
			enc = "utf-8"
		}
		s, e, err := Decode(b, enc)
		ws, we, werr := refDecode(b, enc)
		if s != ws || e != we || fmt.Sprint(err) != fmt.Sprint(werr) {
			t.Fatalf("Decode(%q, %q) = %q, %q, %v; want %q, %q, %v", b, enc, s, e, err, ws, we, werr)
		}
	})
}
