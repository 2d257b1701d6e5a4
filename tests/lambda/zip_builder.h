// ZipBuilder: writes small zip archives (stored, no compression) byte by
// byte, so tests can craft exactly the entries a hostile upload would hold:
// "../" names, absolute paths, symlinks, modes.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <string>
#include <vector>

namespace apigw::lambda::testing {

class ZipBuilder {
 public:
  // `mode` is the Unix mode (type and permissions) stored in the external attributes.
  ZipBuilder& File(const std::string& name, const std::string& data, uint32_t mode = S_IFREG | 0644) {
    entries_.push_back({name, data, mode});
    return *this;
  }
  ZipBuilder& Dir(const std::string& name) { return File(name, "", S_IFDIR | 0755); }
  ZipBuilder& Symlink(const std::string& name, const std::string& target) {
    return File(name, target, S_IFLNK | 0777);
  }

  std::string Build() const {
    std::string out, central;
    for (const Entry& e : entries_) {
      uint32_t offset = uint32_t(out.size());
      uint32_t crc = Crc32(e.data);
      Put32(out, 0x04034b50);
      Put16(out, 20);
      Put16(out, 0);  // flags
      Put16(out, 0);  // stored
      Put16(out, 0);
      Put16(out, 0x21);  // 1980-01-01
      Put32(out, crc);
      Put32(out, uint32_t(e.data.size()));
      Put32(out, uint32_t(e.data.size()));
      Put16(out, uint16_t(e.name.size()));
      Put16(out, 0);
      out += e.name;
      out += e.data;

      Put32(central, 0x02014b50);
      Put16(central, 0x0314);  // made by Unix, spec 2.0
      Put16(central, 20);
      Put16(central, 0);
      Put16(central, 0);
      Put16(central, 0);
      Put16(central, 0x21);
      Put32(central, crc);
      Put32(central, uint32_t(e.data.size()));
      Put32(central, uint32_t(e.data.size()));
      Put16(central, uint16_t(e.name.size()));
      Put16(central, 0);
      Put16(central, 0);
      Put16(central, 0);
      Put16(central, 0);
      Put32(central, e.mode << 16);
      Put32(central, offset);
      central += e.name;
    }
    uint32_t cd_offset = uint32_t(out.size());
    out += central;
    Put32(out, 0x06054b50);
    Put16(out, 0);
    Put16(out, 0);
    Put16(out, uint16_t(entries_.size()));
    Put16(out, uint16_t(entries_.size()));
    Put32(out, uint32_t(central.size()));
    Put32(out, cd_offset);
    Put16(out, 0);
    return out;
  }

 private:
  struct Entry {
    std::string name, data;
    uint32_t mode;
  };
  static void Put16(std::string& s, uint16_t v) {
    s += char(v & 0xff);
    s += char(v >> 8);
  }
  static void Put32(std::string& s, uint32_t v) {
    Put16(s, uint16_t(v & 0xffff));
    Put16(s, uint16_t(v >> 16));
  }
  static uint32_t Crc32(const std::string& data) {
    uint32_t crc = 0xffffffffu;
    for (unsigned char c : data) {
      crc ^= c;
      for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
  }
  std::vector<Entry> entries_;
};

}  // namespace apigw::lambda::testing
