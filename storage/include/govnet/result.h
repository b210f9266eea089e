// The result of a fallible storage or import operation, in the manner of leveldb::Result.
#pragma once

#include <string>
#include <utility>

namespace govnet {

class Result {
 public:
  enum class Code { kOk, kNotFound, kInvalid, kBusy, kCorrupt, kSchema, kIo, kConflict };

  Result() = default;
  static Result Ok() { return {}; }
  static Result NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Result Invalid(std::string m) { return {Code::kInvalid, std::move(m)}; }
  static Result Busy(std::string m) { return {Code::kBusy, std::move(m)}; }
  static Result Corrupt(std::string m) { return {Code::kCorrupt, std::move(m)}; }
  static Result Schema(std::string m) { return {Code::kSchema, std::move(m)}; }
  static Result Io(std::string m) { return {Code::kIo, std::move(m)}; }
  static Result Conflict(std::string m) { return {Code::kConflict, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Result(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace govnet
