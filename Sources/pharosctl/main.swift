import PharosCLI

await PharosCtl.main()
