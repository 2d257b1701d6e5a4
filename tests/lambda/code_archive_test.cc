// Tests of lambda/code_archive.h and code_cache.h: safe extraction of
// deployment packages (zip slip, links, modes, broken zips).
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "lambda/code_archive.h"
#include "lambda/code_cache.h"
#include "tests/lambda/temp_dir.h"
#include "tests/lambda/zip_builder.h"

namespace apigw::lambda {

using testing::ReadFile;
using testing::TempDir;
using testing::ZipBuilder;

namespace {

mode_t ModeOf(const std::string& path) {
  struct stat st;
  return lstat(path.c_str(), &st) == 0 ? st.st_mode : 0;
}

}  // namespace

TEST_CASE("entry names that would escape the folder are recognized") {
  CHECK(IsSafeEntryName("index.js"));
  CHECK(IsSafeEntryName("lib/a/b.py"));
  CHECK(IsSafeEntryName("./index.js"));
  CHECK(IsSafeEntryName("a..b/c"));
  CHECK_FALSE(IsSafeEntryName(""));
  CHECK_FALSE(IsSafeEntryName("/etc/passwd"));
  CHECK_FALSE(IsSafeEntryName("../x"));
  CHECK_FALSE(IsSafeEntryName("a/../../x"));
  CHECK_FALSE(IsSafeEntryName("a/.."));
  CHECK_FALSE(IsSafeEntryName("..\\evil"));
}

TEST_CASE("link targets are resolved against the link's folder") {
  CHECK(IsSafeLinkTarget("lib/current", "v2"));
  CHECK(IsSafeLinkTarget("lib/current", "../other/file"));
  CHECK_FALSE(IsSafeLinkTarget("lib/current", "../../etc"));
  CHECK_FALSE(IsSafeLinkTarget("link", ".."));
  CHECK_FALSE(IsSafeLinkTarget("link", "/etc/passwd"));
  CHECK_FALSE(IsSafeLinkTarget("link", ""));
}

TEST_CASE("a package is extracted with its folders, files and modes") {
  TempDir tmp;
  std::string zip = ZipBuilder()
                        .File("index.js", "exports.handler = async () => 1;\n")
                        .Dir("lib/")
                        .File("lib/util.js", "module.exports = 2;\n")
                        .File("bootstrap", "#!/bin/sh\necho hi\n", S_IFREG | 0755)
                        .Symlink("current", "lib")
                        .Build();
  std::string dest = tmp.File("code");
  REQUIRE(ExtractZip(zip, dest).ok());
  CHECK(ReadFile(dest + "/index.js") == "exports.handler = async () => 1;\n");
  CHECK(ReadFile(dest + "/lib/util.js") == "module.exports = 2;\n");
  CHECK((ModeOf(dest + "/bootstrap") & 0777) == 0755);
  CHECK((ModeOf(dest + "/index.js") & 0777) == 0644);
  CHECK(S_ISLNK(ModeOf(dest + "/current")));
  CHECK(ReadFile(dest + "/current/util.js") == "module.exports = 2;\n");
}

TEST_CASE("zip slip entries are refused and nothing is left behind") {
  TempDir tmp;
  std::string dest = tmp.File("code");
  for (const std::string& zip :
       {ZipBuilder().File("ok.txt", "x").File("../escaped.txt", "owned").Build(),
        ZipBuilder().File("/tmp/abs-escape.txt", "owned").Build(),
        ZipBuilder().File("a/../../escaped.txt", "owned").Build(),
        ZipBuilder().Symlink("evil", "/etc").Build(),
        ZipBuilder().Symlink("evil", "../..").Build(),
        // A link to an in-bounds folder is fine, but writing through any link is not.
        ZipBuilder().Symlink("sub", ".").File("sub/x.txt", "through a link").Build()}) {
    Status st = ExtractZip(zip, dest);
    CHECK_FALSE(st.ok());
    CHECK(st.type() == "InvalidParameterValueException");
    CHECK_FALSE(std::filesystem::exists(dest));
    CHECK_FALSE(std::filesystem::exists(tmp.File("escaped.txt")));
  }
  CHECK_FALSE(std::filesystem::exists("/tmp/abs-escape.txt"));
  // Only the destination may have appeared in the parent: no partial folders remain.
  CHECK(std::distance(std::filesystem::directory_iterator(tmp.path()), std::filesystem::directory_iterator()) == 0);
}

TEST_CASE("what is not a zip gets AWS's message") {
  TempDir tmp;
  std::string good = ZipBuilder().File("a.txt", "hello").Build();
  std::string truncated = good.substr(0, good.size() / 2);
  std::string corrupt = good;
  corrupt[37] ^= 0x55;  // inside the stored data ("hello" starts at 35): the CRC check fails
  for (const std::string& bytes : {std::string(), std::string("not a zip at all"), truncated, corrupt}) {
    Status st = ExtractZip(bytes, tmp.File("code"));
    REQUIRE_FALSE(st.ok());
    CHECK(st.type() == "InvalidParameterValueException");
    CHECK(st.message() == "Could not unzip uploaded file. Please check your file, then try to upload again.");
  }
}

TEST_CASE("the unzipped size limit is enforced") {
  TempDir tmp;
  std::string zip = ZipBuilder().File("big.bin", std::string(5000, 'x')).Build();
  Status st = ExtractZip(zip, tmp.File("code"), 4096);
  REQUIRE_FALSE(st.ok());
  CHECK(st.message() == "Unzipped size must be smaller than 4096 bytes");
}

TEST_CASE("the code cache installs once per content and names it by hash") {
  TempDir tmp;
  CodeCache cache(tmp.path());
  REQUIRE(cache.Init().ok());
  std::string zip = ZipBuilder().File("index.py", "def handler(e, c):\n  return 1\n").Build();
  auto info = cache.Install(zip);
  REQUIRE(info.ok());
  CHECK(info->size == int64_t(zip.size()));
  CHECK(info->sha256_base64 == Sha256Base64(zip));
  CHECK(info->sha256_base64.size() == 44);
  CHECK(cache.Has(info->sha256_base64));
  CHECK(cache.CodeDir(info->sha256_base64) == tmp.path() + "/code/" + Sha256Hex(zip));
  CHECK(ReadFile(cache.CodeDir(info->sha256_base64) + "/index.py") == "def handler(e, c):\n  return 1\n");
  auto again = cache.Install(zip);
  REQUIRE(again.ok());
  CHECK(again->sha256_base64 == info->sha256_base64);
  CHECK_FALSE(cache.Has(Sha256Base64("other")));
  CHECK_FALSE(cache.Has("not base64 !"));
  CHECK_FALSE(cache.Install("garbage").ok());
}

TEST_CASE("SHA-256 as Lambda prints it") {
  // sha256("") in base64 and hex.
  CHECK(Sha256Base64("") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace apigw::lambda
