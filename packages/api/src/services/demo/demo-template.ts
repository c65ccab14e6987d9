export const DEMO_TEMPLATE_FILENAME = 'demo.pkr.hcl';

export const DEMO_TEMPLATE = `packer {
  required_version = ">= 1.10.0"
}

source "file" "hello" {
  content = "hello from kiln"
  target  = "hello.txt"
}

build {
  name    = "demo"
  sources = ["source.file.hello"]

  provisioner "shell-local" {
    inline = ["echo building \${source.name}", "sleep 1", "echo done"]
  }

  hcp_packer_registry {
    bucket_name = "demo"
    description = "Demo image"
  }
}
`;
