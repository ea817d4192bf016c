#include "http/framing.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace latch::http {
namespace {

namespace bhttp = boost::beast::http;

struct FramingCase {
  std::string name;
  unsigned version;
  std::vector<std::pair<std::string, std::string>> fields;
  unsigned expected;  // 0 = accepted, else the status of the refusal
};

class FramingTest : public ::testing::TestWithParam<FramingCase> {};

TEST_P(FramingTest, RefusesAmbiguousBodyFraming) {
  const FramingCase& c = GetParam();
  bhttp::request_header<> header;
  header.version(c.version);
  for (const auto& [name, value] : c.fields) header.insert(name, value);
  auto refused = check_framing(header);
  if (c.expected == 0) {
    EXPECT_FALSE(refused) << refused->message;
  } else {
    ASSERT_TRUE(refused);
    EXPECT_EQ(static_cast<unsigned>(refused->status), c.expected);
    EXPECT_FALSE(refused->message.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Framing, FramingTest,
    ::testing::Values(
        FramingCase{"NoBodyHeaders", 11, {}, 0},
        FramingCase{"ContentLengthAlone", 11, {{"Content-Length", "5"}}, 0},
        FramingCase{"ChunkedAlone", 11, {{"Transfer-Encoding", "chunked"}}, 0},
        FramingCase{"ChunkedInCapitals", 11, {{"Transfer-Encoding", "Chunked"}}, 0},
        FramingCase{"ChunkedWithEmptyListElements", 11, {{"Transfer-Encoding", " , chunked ,"}}, 0},
        FramingCase{"GzipAlone", 11, {{"Transfer-Encoding", "gzip"}}, 400},
        FramingCase{"ChunkedThenGzip", 11, {{"Transfer-Encoding", "chunked, gzip"}}, 400},
        FramingCase{"ChunkedTwiceInOneField", 11, {{"Transfer-Encoding", "chunked, chunked"}}, 400},
        FramingCase{"ChunkedTwiceInTwoFields",
                    11,
                    {{"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", "chunked"}},
                    400},
        FramingCase{"ChunkedWithContentLength",
                    11,
                    {{"Transfer-Encoding", "chunked"}, {"Content-Length", "5"}},
                    400},
        FramingCase{"GzipWithContentLength",
                    11,
                    {{"Transfer-Encoding", "gzip"}, {"Content-Length", "5"}},
                    400},
        FramingCase{"EmptyTransferEncoding", 11, {{"Transfer-Encoding", ""}}, 400},
        FramingCase{"ChunkedInHttp10", 10, {{"Transfer-Encoding", "chunked"}}, 400},
        FramingCase{
            "GzipThenChunkedIsNotImplemented", 11, {{"Transfer-Encoding", "gzip, chunked"}}, 501},
        FramingCase{"GzipFieldThenChunkedField",
                    11,
                    {{"Transfer-Encoding", "gzip"}, {"Transfer-Encoding", "chunked"}},
                    501}),
    [](const auto& info) { return info.param.name; });

TEST(ObsFoldTest, FindsAFoldedHeaderLine) {
  EXPECT_EQ(scan_for_obs_fold("GET / HTTP/1.1\r\nX-A: 1\r\n 2\r\n\r\n"), FoldScan::Folded);
  EXPECT_EQ(scan_for_obs_fold("GET / HTTP/1.1\r\nX-A: 1\r\n\t2\r\n\r\n"), FoldScan::Folded);
}

TEST(ObsFoldTest, AnEndedHeaderLetsTheBodyHoldAnything) {
  EXPECT_EQ(scan_for_obs_fold("POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\n\n a\n"),
            FoldScan::HeaderEnded);
  EXPECT_EQ(scan_for_obs_fold("\r\n\n body"), FoldScan::HeaderEnded);  // fields already parsed
}

TEST(ObsFoldTest, AnUnfinishedHeaderNeedsMore) {
  EXPECT_EQ(scan_for_obs_fold("GET / HTTP/1.1\r\nX-A: 1"), FoldScan::NeedMore);
  EXPECT_EQ(scan_for_obs_fold("GET / HTTP/1.1\r\nX-A: 1\r\n"), FoldScan::NeedMore);
  EXPECT_EQ(scan_for_obs_fold("GET / HTTP/1.1\r\nX-A: 1\r\n\r"), FoldScan::NeedMore);
}

// A request that arrives a byte at a time is judged as if it had come whole.
TEST(ObsFoldTest, ScanningInPiecesAgreesWithScanningWhole) {
  for (std::string text : {"GET / HTTP/1.1\r\nX-A: 1\r\n 2\r\n\r\n",
                           "POST / HTTP/1.1\r\nA: 1\r\n\r\n\n b", "GET / HTTP/1.1\nA: 1\n\n c"}) {
    FoldScan whole = scan_for_obs_fold(text);
    FoldScan pieces = FoldScan::NeedMore;
    for (std::size_t n = 1; n <= text.size() && pieces == FoldScan::NeedMore; ++n) {
      pieces = scan_for_obs_fold(std::string_view(text).substr(0, n), n - 1);
    }
    EXPECT_EQ(pieces, whole) << text;
  }
}

}  // namespace
}  // namespace latch::http
